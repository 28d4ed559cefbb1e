// The tiny render helper: h('p', { class: 'x', onClick }, 'text', child…) builds DOM nodes.
// Text always goes in as text nodes, never as HTML, so names typed by users cannot inject markup.

export function h(tag, props = {}, ...children) {
  const el = tag.includes(':')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.split(':')[1])
    : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'style') {
      // Through the CSSOM: the Content-Security-Policy (style-src 'self') refuses style attributes.
      el.style.cssText = String(value);
    } else if (key === 'class') {
      el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if ((key === 'value' || key === 'checked') && !(el instanceof SVGElement)) {
      el[key] = value; // properties, so a re-render shows the current value
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Shorthand for SVG elements: s('path', {d}) === h('svg:path', {d}). */
export function s(tag, props, ...children) {
  return h(`svg:${tag}`, props, ...children);
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `el` with `children`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

import { readFile } from 'node:fs/promises';

/** A password file's or stdin's content without its final line break. */
function firstLine(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * The password from a file (`-` for stdin), from stdin when it is piped, or typed at a prompt that
 * does not echo it (twice, to catch a typo). Never from the command line, where `ps` and the shell's
 * history would keep it.
 */
export async function readPassword(
  file: string | undefined,
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (file && file !== '-') return firstLine(await readFile(file, 'utf8'));
  if (file === '-' || !stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return firstLine(text);
  }
  const first = await prompt('Password: ', stdin, stderr);
  const again = await prompt('Password again: ', stdin, stderr);
  if (first !== again) throw new Error('The two passwords differ');
  return first;
}

/** Reads one line from the terminal in raw mode, echoing nothing. */
function prompt(question: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream) {
  return new Promise<string>((resolve, reject) => {
    stderr.write(question);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('Cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/**
 * Reads a CSV answer as RFC 4180 says (quoted fields with doubled quotes, CRLF between records), to
 * check an export the way a spreadsheet would read it. Returns the header and each record as an
 * object keyed by it.
 */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  const [header, ...rest] = records;
  for (const row of rest) {
    if (row.length !== header.length)
      throw new Error(`A record of ${row.length} fields, not ${header.length}`);
  }
  return {
    header,
    rows: rest.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]]))),
  };
}

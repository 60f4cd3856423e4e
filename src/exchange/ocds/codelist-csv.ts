/**
 * The codes of an OCDS codelist file: the `Code` column of an RFC 4180 CSV (quoted fields may hold
 * commas, doubled quotes and line breaks; the column is not always the first, e.g. statistic.csv).
 */
export function codelistCodes(csv: string): string[] {
  const [header, ...rows] = parseCsv(csv);
  const column = header?.indexOf('Code') ?? -1;
  if (column < 0) throw new Error('codelist has no Code column');
  return rows.map((row) => row[column] ?? '').filter((code) => code !== '');
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

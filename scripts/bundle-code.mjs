// The bundle's code without its comments and string literals, for checks that look for code: the man-page
// prose inside the bundle (src/man/*.md, as strings) may well mention import() or @peculiar/x509.
export function codeOutsideStrings(code) {
  return code.replace(/\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g, '');
}

/**
 * `text` as `#` comment lines (Python and YAML) of at most `width` characters, words wrapped;
 * any line break or other white space in it becomes a single space, so no text can end the
 * comment.
 */
export function commentLines(text: string, width = 99): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '#' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return line === '#' ? lines : [...lines, line];
}

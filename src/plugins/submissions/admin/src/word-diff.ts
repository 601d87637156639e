import { diffWords } from 'diff';

export type DiffKind = 'same' | 'added' | 'removed';
export interface DiffSegment {
  kind: DiffKind;
  text: string;
}
/** Paragraphs of lines of segments: the new text's shape, with removed words shown where they were. */
export type DiffParagraphs = DiffSegment[][][];

/**
 * The words that changed between two answers, laid out in the new answer's paragraphs and lines
 * (a blank line starts a paragraph, a newline breaks a line, as everywhere else). A removed passage
 * keeps no layout of its own: its line breaks become spaces.
 */
export function diffParagraphs(before: string, after: string): DiffParagraphs {
  const paragraphs: DiffParagraphs = [[[]]];
  const lastParagraph = () => paragraphs[paragraphs.length - 1];
  const lastLine = () => lastParagraph()[lastParagraph().length - 1];

  for (const part of diffWords(before.replace(/\r\n?/g, '\n'), after.replace(/\r\n?/g, '\n'))) {
    const kind: DiffKind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const value = kind === 'removed' ? part.value.replace(/\s+/g, ' ') : part.value;
    value.split(/\n[ \t]*\n\s*/).forEach((block, i) => {
      if (i > 0) paragraphs.push([[]]);
      block.split('\n').forEach((line, j) => {
        if (j > 0) lastParagraph().push([]);
        if (line !== '') lastLine().push({ kind, text: line });
      });
    });
  }
  return paragraphs
    .map((lines) => lines.map(trimLine).filter((line) => line.length > 0))
    .filter((lines) => lines.length > 0);
}

/** Drops the spaces at either end of a line (and segments left empty by that). */
function trimLine(line: DiffSegment[]): DiffSegment[] {
  const segments = line.map((s) => ({ ...s }));
  if (segments.length) segments[0].text = segments[0].text.trimStart();
  if (segments.length) segments[segments.length - 1].text = segments[segments.length - 1].text.trimEnd();
  return segments.filter((s) => s.text !== '');
}

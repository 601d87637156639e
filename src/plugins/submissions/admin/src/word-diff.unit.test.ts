import { diffParagraphs } from './word-diff';

it('marks the words added and removed inside an answer, keeping the new paragraphs and lines', () => {
  expect(diffParagraphs('The cat sat.\n\nOn the mat here.', 'The dog sat.\nYes.\n\nOn the mat.')).toEqual([
    [
      [
        { kind: 'same', text: 'The ' },
        { kind: 'removed', text: 'cat' },
        { kind: 'added', text: 'dog' },
        { kind: 'same', text: ' sat.' },
      ],
      [{ kind: 'added', text: 'Yes.' }],
    ],
    [
      [
        { kind: 'same', text: 'On the mat' },
        { kind: 'removed', text: ' here' },
        { kind: 'same', text: '.' },
      ],
    ],
  ]);
});

it('shows a removed passage inline, without the line breaks it had', () => {
  expect(diffParagraphs('Keep.\n\nGone one.\nGone two.', 'Keep.')).toEqual([
    [
      [
        { kind: 'same', text: 'Keep.' },
        { kind: 'removed', text: ' Gone one. Gone two.' },
      ],
    ],
  ]);
});

it('gives one unchanged segment when nothing changed, and nothing for two empty answers', () => {
  expect(diffParagraphs('Same\ntext', 'Same\ntext')).toEqual([
    [[{ kind: 'same', text: 'Same' }], [{ kind: 'same', text: 'text' }]],
  ]);
  expect(diffParagraphs('', '')).toEqual([]);
});

it('marks a whole new answer as added', () => {
  expect(diffParagraphs('', '412 families took part.')).toEqual([
    [[{ kind: 'added', text: '412 families took part.' }]],
  ]);
});

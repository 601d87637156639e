import { Fragment } from 'react';
import { Typography } from '@strapi/design-system';
import { toParagraphs } from '../../../shared/paragraphs';

/** An answer as the officer typed it: paragraphs and line breaks, through the one shared formatter. */
export function Paragraphs({
  text,
  empty = 'Not answered',
}: {
  text: string | null | undefined;
  empty?: string;
}) {
  const paragraphs = toParagraphs(text);
  if (paragraphs.length === 0)
    return (
      <Typography tag="p" textColor="neutral600" style={{ fontStyle: 'italic' }}>
        {empty}
      </Typography>
    );
  return (
    <>
      {paragraphs.map((lines, i) => (
        <Typography key={i} tag="p" textColor="neutral800" style={{ marginBottom: '0.75em' }}>
          {lines.map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </Typography>
      ))}
    </>
  );
}

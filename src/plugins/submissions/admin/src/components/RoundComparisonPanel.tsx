import { Fragment } from 'react';
import { Box, Flex, Grid, Typography, VisuallyHidden } from '@strapi/design-system';
import { dateTime } from '../format';
import type { FieldChange, RoundComparison } from '../rounds';
import { diffParagraphs, type DiffSegment } from '../word-diff';

// Not colour alone: removed words are struck through, added ones underlined, and both are announced.
const MARK_STYLE = {
  added: { background: '#eafbe7', textDecoration: 'underline', textDecorationThickness: 2, color: '#32324d' },
  removed: { background: '#fcecea', textDecoration: 'line-through', color: '#32324d' },
} as const;

function Segment({ segment }: { segment: DiffSegment }) {
  if (segment.kind === 'added')
    return (
      <ins style={MARK_STYLE.added}>
        <VisuallyHidden>[added: </VisuallyHidden>
        {segment.text}
        <VisuallyHidden>]</VisuallyHidden>
      </ins>
    );
  if (segment.kind === 'removed')
    return (
      <del style={MARK_STYLE.removed}>
        <VisuallyHidden>[removed: </VisuallyHidden>
        {segment.text}
        <VisuallyHidden>]</VisuallyHidden>
      </del>
    );
  return <>{segment.text}</>;
}

/** One answer's change, word by word, in the new answer's paragraphs. */
function MarkedChange({ change }: { change: FieldChange }) {
  const paragraphs = diffParagraphs(change.before, change.after);
  return (
    <Box padding={3} hasRadius background="neutral100">
      {paragraphs.length === 0 && <Typography textColor="neutral600">(now empty)</Typography>}
      {paragraphs.map((lines, i) => (
        <Typography key={i} tag="p" textColor="neutral800" style={{ marginBottom: '0.75em' }}>
          {lines.map((segments, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {segments.map((segment, k) => (
                <Segment key={k} segment={segment} />
              ))}
            </Fragment>
          ))}
        </Typography>
      ))}
    </Box>
  );
}

/** What the council changed between the previous round and this one, marked inside each answer, beside the reviewer's comment. */
export function RoundComparisonPanel({ comparison }: { comparison: RoundComparison }) {
  return (
    <Box
      tag="section"
      aria-label="Changes since the previous round"
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={6}
    >
      <Typography variant="delta" tag="h2">
        Changes since the previous round
      </Typography>
      <Box paddingTop={1} paddingBottom={4}>
        <Typography variant="pi" textColor="neutral600" tag="p">
          Round {comparison.round} (submitted {dateTime(comparison.currentAt)}) against round{' '}
          {comparison.round - 1} (submitted {dateTime(comparison.previousAt)}). Added words are underlined on
          green, removed words struck through on red.
          {comparison.unchanged.length > 0 && ` Unchanged: ${comparison.unchanged.join(', ')}.`}
        </Typography>
      </Box>
      {comparison.changes.length === 0 && <Typography>Nothing changed.</Typography>}
      <Flex direction="column" alignItems="stretch" gap={5}>
        {comparison.changes.map((change) => (
          <Grid.Root key={change.key} gap={4} data-changed-field={change.key}>
            <Grid.Item col={8} s={12} direction="column" alignItems="stretch" gap={2}>
              <Typography variant="epsilon" fontWeight="bold" tag="h3">
                {change.title}
              </Typography>
              <MarkedChange change={change} />
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Typography variant="sigma" textColor="neutral600" tag="p">
                Your comment
              </Typography>
              <Typography variant="pi" textColor="neutral800" tag="p">
                {change.comment ?? 'No comment on this answer.'}
              </Typography>
            </Grid.Item>
          </Grid.Root>
        ))}
      </Flex>
    </Box>
  );
}

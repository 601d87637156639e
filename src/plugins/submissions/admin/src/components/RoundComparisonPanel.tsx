import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { dateTime } from '../format';
import type { RoundComparison } from '../rounds';

function Round({ label, background, text }: { label: string; background: string; text: string }) {
  return (
    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Box background={background} padding={3} hasRadius>
        <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
          {text || '(empty)'}
        </Typography>
      </Box>
    </Grid.Item>
  );
}

/** What the council changed between the previous round and this one, field by field. */
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
        <Typography variant="pi" textColor="neutral600">
          Round {comparison.round} (submitted {dateTime(comparison.currentAt)}) against round{' '}
          {comparison.round - 1} (submitted {dateTime(comparison.previousAt)}).
          {comparison.unchanged.length > 0 && ` Unchanged: ${comparison.unchanged.join(', ')}.`}
        </Typography>
      </Box>
      {comparison.changes.length === 0 && <Typography>Nothing changed.</Typography>}
      <Flex direction="column" alignItems="stretch" gap={5}>
        {comparison.changes.map((change) => (
          <Box key={change.key} data-changed-field={change.key}>
            <Typography variant="epsilon" fontWeight="bold" tag="h3">
              {change.title}
            </Typography>
            {change.comment && (
              <Typography variant="pi" textColor="warning700" tag="p">
                Reviewer’s comment: {change.comment}
              </Typography>
            )}
            <Grid.Root gap={4} paddingTop={2}>
              <Round label="Before" background="danger100" text={change.before} />
              <Round label="Now" background="success100" text={change.after} />
            </Grid.Root>
          </Box>
        ))}
      </Flex>
    </Box>
  );
}

import { Status, Typography } from '@strapi/design-system';
import { STATE_LABELS, type State } from '../../../shared/workflow';

const VARIANTS: Record<State, 'primary' | 'secondary' | 'success' | 'danger' | 'warning' | 'neutral'> = {
  draft: 'neutral',
  submitted: 'secondary',
  in_review: 'primary',
  changes_requested: 'warning',
  approved: 'success',
  rejected: 'danger',
  published: 'success',
  withdrawn: 'neutral',
  archived: 'neutral',
};

export function StateBadge({ state }: { state: State }) {
  return (
    <Status variant={VARIANTS[state]} size="S">
      <Typography tag="span" variant="omega" fontWeight="bold">
        {STATE_LABELS[state]}
      </Typography>
    </Status>
  );
}

import { Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { useLoaded, useSubmissionsApi } from '../api';
import { PLUGIN_ID } from '../pluginId';

/** Homepage widget: how many submissions wait for each step of review. */
export function WaitingWidget() {
  const api = useSubmissionsApi();
  const queue = useLoaded(() => api.queue({ pageSize: '1' }), 'waiting');
  if (queue.loading) return <Widget.Loading />;
  if (queue.error || !queue.data) return <Widget.Error />;
  const { counts } = queue.data;
  const rows = [
    { label: 'Waiting for a reviewer', count: counts.submitted, tab: 'submitted' },
    { label: 'In review', count: counts.in_review, tab: 'in_review' },
    { label: 'Approved, waiting to be published', count: counts.approved, tab: 'approved' },
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {rows.map((row) => (
        <Flex key={row.tab} justifyContent="space-between">
          <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}?tab=${row.tab}`}>
            {row.label}
          </Link>
          <Typography variant="beta" tag="span">
            {row.count}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
}

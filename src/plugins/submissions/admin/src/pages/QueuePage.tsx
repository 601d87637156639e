import { useMemo, useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Flex,
  Link,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { NavLink, useSearchParams } from 'react-router-dom';
import { OPEN_STATES, STATE_LABELS, type State } from '../../../shared/workflow';
import { useLoaded, useSubmissionsApi } from '../api';
import { StateBadge } from '../components/StateBadge';
import { waitingFor } from '../format';

/** Tabs: everything waiting for someone, then each state an editor looks at (drafts stay the council's own). */
const TABS: Array<{ value: string; label: string; states: readonly State[] }> = [
  { value: 'open', label: 'Waiting', states: OPEN_STATES },
  ...(
    [
      'submitted',
      'in_review',
      'approved',
      'changes_requested',
      'published',
      'rejected',
      'withdrawn',
      'archived',
    ] as const
  ).map((state) => ({ value: state, label: STATE_LABELS[state], states: [state] })),
];

const PANEL_ID = 'submissions-queue-panel';
const tabId = (value: string) => `submissions-queue-tab-${value}`;

const SORTS = { waiting: 'Waiting longest', activity: 'Latest activity', title: 'Title' } as const;
const PAGE_SIZE = '20';

export function QueuePage() {
  const api = useSubmissionsApi();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.value === params.get('tab')) ?? TABS[0];
  const q = params.get('q') ?? '';
  const mine = params.get('assignee') === 'me';
  const sort = (params.get('sort') ?? 'waiting') as keyof typeof SORTS;
  const page = params.get('page') ?? '1';
  const [search, setSearch] = useState(q);

  const query: Record<string, string> = { state: tab.states.join(','), sort, page, pageSize: PAGE_SIZE };
  if (q) query.q = q;
  if (mine) query.assignee = 'me';
  const key = JSON.stringify(query);
  // The request starts while the page renders, not after its first paint (as an effect would):
  // the rows arrive while the tabs and filters are still being drawn.
  const pending = useMemo(() => {
    const request = api.queue(query);
    request.catch(() => undefined); // handled by useLoaded; this only keeps it from counting as unhandled
    return request;
    // `key` is the query; `api` is a fresh object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const queue = useLoaded(() => pending, key);

  /** Changes filters; any change but paging goes back to page 1. */
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search.trim() || null });
  };

  const counts = queue.data?.counts;
  const countOf = (states: readonly State[]) =>
    counts ? states.reduce((sum, state) => sum + (counts[state] ?? 0), 0) : undefined;
  const pagination = queue.data?.pagination;

  return (
    <Page.Main>
      <Page.Title>Submissions</Page.Title>
      <Layouts.Header
        title="Submissions"
        subtitle="Case studies councils have sent in, and where each one is in review."
      />
      <Layouts.Content>
        <Tabs.Root
          value={tab.value}
          onValueChange={(value) => update({ tab: value === 'open' ? null : value })}
        >
          <Tabs.List aria-label="Submissions by state">
            {TABS.map((t) => (
              // Every tab filters the one list below: each controls that panel (Radix would point at
              // a panel per tab, which we do not render, and axe rightly flags the missing ids).
              <Tabs.Trigger key={t.value} value={t.value} id={tabId(t.value)} aria-controls={PANEL_ID}>
                {t.label}
                {countOf(t.states) !== undefined ? ` (${countOf(t.states)})` : ''}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </Tabs.Root>

        <Box id={PANEL_ID} role="tabpanel" aria-labelledby={tabId(tab.value)}>
          <Flex gap={4} paddingTop={4} paddingBottom={4} alignItems="center" wrap="wrap">
            <Box minWidth="320px">
              <form onSubmit={submitSearch} role="search">
                <Searchbar
                  name="q"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                  onClear={() => {
                    setSearch('');
                    update({ q: null });
                  }}
                  clearLabel="Clear the search"
                  placeholder="Search by title or council"
                >
                  Search by title or council
                </Searchbar>
              </form>
            </Box>
            <Checkbox
              checked={mine}
              onCheckedChange={(checked) => update({ assignee: checked ? 'me' : null })}
            >
              Assigned to me
            </Checkbox>
            <Box minWidth="200px">
              <SingleSelect
                aria-label="Sort by"
                value={sort}
                onChange={(value) => update({ sort: String(value) })}
              >
                {Object.entries(SORTS).map(([value, label]) => (
                  <SingleSelectOption key={value} value={value}>
                    {`Sort: ${label}`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
          </Flex>

          {queue.error ? (
            <Typography textColor="danger600">{queue.error}</Typography>
          ) : (
            <Table colCount={5} rowCount={(queue.data?.results.length ?? 0) + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">Title</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Council</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">State</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Assigned to</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Waiting</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {queue.data?.results.map((row) => (
                  <Tr key={row.id}>
                    <Td>
                      <Link tag={NavLink} to={row.id}>
                        {row.title || 'Untitled'}
                      </Link>
                    </Td>
                    <Td>
                      <Typography>{row.council?.name ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <StateBadge state={row.state} />
                    </Td>
                    <Td>
                      <Typography>{row.assignee?.name ?? 'Nobody'}</Typography>
                    </Td>
                    <Td>
                      <Typography>{waitingFor(row.waitingDays)}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {queue.data && queue.data.results.length === 0 && (
            <Box padding={6}>
              <Typography>Nothing here.</Typography>
            </Box>
          )}

          {pagination && pagination.pageCount > 1 && (
            <Flex gap={2} paddingTop={4} justifyContent="flex-end" alignItems="center">
              <Button
                variant="tertiary"
                disabled={pagination.page <= 1}
                onClick={() => update({ page: String(pagination.page - 1) })}
              >
                Previous
              </Button>
              <Typography>
                Page {pagination.page} of {pagination.pageCount} ({pagination.total} submissions)
              </Typography>
              <Button
                variant="tertiary"
                disabled={pagination.page >= pagination.pageCount}
                onClick={() => update({ page: String(pagination.page + 1) })}
              >
                Next
              </Button>
            </Flex>
          )}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
}

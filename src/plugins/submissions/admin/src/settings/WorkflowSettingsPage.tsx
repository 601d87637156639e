import { useEffect, useState } from 'react';
import { Box, Button, Checkbox, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useLoaded, useSaving, useSubmissionsApi } from '../api';
import { PERMISSIONS } from '../pluginId';

/** Workflow settings: the second pair of eyes, and who hears about new submissions. */
export function WorkflowSettingsPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.manageSettings}>
      <WorkflowSettingsForm />
    </Page.Protect>
  );
}

function WorkflowSettingsForm() {
  const api = useSubmissionsApi();
  const settings = useLoaded(() => api.settings(), 'settings');
  const [singlePersonPublishing, setSinglePerson] = useState(false);
  const [emails, setEmails] = useState('');
  const { busy, save: saving } = useSaving();

  useEffect(() => {
    if (!settings.data) return;
    setSinglePerson(settings.data.singlePersonPublishing);
    setEmails(settings.data.reviewerEmails.join('\n'));
  }, [settings.data]);

  const save = () =>
    saving(async () => {
      const reviewerEmails = emails.split(/[\s,;]+/).filter(Boolean);
      settings.replace(await api.saveSettings({ singlePersonPublishing, reviewerEmails }));
      return 'Settings saved';
    });

  if (settings.loading && !settings.data) return <Page.Loading />;
  if (!settings.data) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>Review workflow</Page.Title>
      <Layouts.Header
        title="Review workflow"
        subtitle="Who may publish, and who is told about new submissions."
        primaryAction={
          <Button onClick={save} loading={busy}>
            Save
          </Button>
        }
      />
      <Layouts.Content>
        <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Box>
              <Checkbox checked={singlePersonPublishing} onCheckedChange={(c) => setSinglePerson(c === true)}>
                Allow single-person publishing
              </Checkbox>
              <Typography variant="pi" textColor="neutral600">
                Off: whoever approved a submission may not also publish it; a second publisher must.
              </Typography>
            </Box>
            <Field.Root
              name="reviewerEmails"
              hint="One address a line. They are emailed when a council submits."
            >
              <Field.Label>Reviewer notification addresses</Field.Label>
              <Textarea value={emails} onChange={(e) => setEmails(e.target.value)} />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
}

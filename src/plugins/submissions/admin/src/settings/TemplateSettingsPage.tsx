import { useEffect, useState } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useLoaded, useSaving, useSubmissionsApi } from '../api';
import { PERMISSIONS } from '../pluginId';
import { dateTime } from '../format';
import { SectionEditor, type EditableSection } from './SectionEditor';

const newSection = (n: number): EditableSection => ({
  key: `section-${n}`,
  title: '',
  guidance: '',
  required: false,
  wordLimit: 300,
  isNew: true,
});

/** The template editor: change the sections, then publish them as a new version (submissions keep theirs). */
export function TemplateSettingsPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.manageTemplate}>
      <TemplateEditor />
    </Page.Protect>
  );
}

function TemplateEditor() {
  const api = useSubmissionsApi();
  const template = useLoaded(() => api.template(), 'template');
  const [sections, setSections] = useState<EditableSection[]>([]);
  const { busy, save } = useSaving();

  useEffect(() => {
    if (template.data) setSections(template.data.sections.map((s) => ({ ...s, isNew: false })));
  }, [template.data]);

  const change = (i: number, section: EditableSection) =>
    setSections(sections.map((s, j) => (j === i ? section : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...sections];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setSections(next);
  };
  const publish = () =>
    save(async () => {
      const published = await api.publishTemplate(sections.map(({ isNew: _isNew, ...section }) => section));
      template.reload();
      return `Template version ${published.version} published`;
    });

  if (template.loading && !template.data) return <Page.Loading />;
  if (!template.data) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>Case study template</Page.Title>
      <Layouts.Header
        title="Case study template"
        subtitle={`Version ${template.data.version} is current. Submissions keep the version they were started on.`}
        primaryAction={
          <Button onClick={publish} loading={busy}>
            Publish version {template.data.version + 1}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {sections.map((section, i) => (
            <SectionEditor
              key={i}
              section={section}
              position={i}
              count={sections.length}
              onChange={(s) => change(i, s)}
              onMove={(by) => move(i, by)}
              onRemove={() => setSections(sections.filter((_, j) => j !== i))}
            />
          ))}
          <Box>
            <Button
              variant="secondary"
              startIcon={<Plus />}
              onClick={() => setSections([...sections, newSection(sections.length + 1)])}
            >
              Add a section
            </Button>
          </Box>
          <Typography variant="pi" textColor="neutral600">
            Earlier versions:{' '}
            {template.data.versions
              .filter((v) => v.version !== template.data!.version)
              .map(
                (v) => `${v.version} (${dateTime(v.createdAt)}${v.publishedBy ? `, ${v.publishedBy}` : ''})`
              )
              .join('; ') || 'none'}
          </Typography>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

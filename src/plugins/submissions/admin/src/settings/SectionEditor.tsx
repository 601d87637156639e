import {
  Box,
  Checkbox,
  Field,
  Flex,
  IconButton,
  NumberInput,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Trash } from '@strapi/icons';
import type { TemplateSection } from '../../../shared/template';

export interface EditableSection extends TemplateSection {
  /** Keys of published sections stay fixed: answers are stored under them. */
  isNew: boolean;
}

/** One template section's fields, with move and remove buttons. */
export function SectionEditor({
  section,
  position,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  section: EditableSection;
  position: number;
  count: number;
  onChange: (section: EditableSection) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const set = <K extends keyof EditableSection>(name: K, value: EditableSection[K]) =>
    onChange({ ...section, [name]: value });
  const id = `section-${position}`;
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={5}
      tag="fieldset"
      aria-label={section.title || 'New section'}
    >
      <Flex justifyContent="space-between" paddingBottom={3}>
        <Typography variant="delta" tag="legend">
          {position + 1}. {section.title || 'New section'}
        </Typography>
        <Flex gap={1}>
          <IconButton label="Move up" disabled={position === 0} onClick={() => onMove(-1)}>
            <ArrowUp />
          </IconButton>
          <IconButton label="Move down" disabled={position === count - 1} onClick={() => onMove(1)}>
            <ArrowDown />
          </IconButton>
          <IconButton label="Remove section" disabled={count === 1} onClick={onRemove}>
            <Trash />
          </IconButton>
        </Flex>
      </Flex>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex gap={3} alignItems="flex-start">
          <Field.Root name={`${id}-title`} required style={{ flex: 2 }}>
            <Field.Label>Title</Field.Label>
            <TextInput value={section.title} onChange={(e) => set('title', e.target.value)} />
          </Field.Root>
          <Field.Root name={`${id}-key`} hint="Lower-case letters, digits and dashes" style={{ flex: 1 }}>
            <Field.Label>Key</Field.Label>
            <TextInput
              value={section.key}
              disabled={!section.isNew}
              onChange={(e) => set('key', e.target.value)}
            />
            <Field.Hint />
          </Field.Root>
          <Field.Root name={`${id}-wordLimit`} style={{ flex: 1 }}>
            <Field.Label>Word limit</Field.Label>
            <NumberInput value={section.wordLimit} onValueChange={(value) => set('wordLimit', value ?? 0)} />
          </Field.Root>
        </Flex>
        <Field.Root name={`${id}-guidance`}>
          <Field.Label>Guidance for the council officer</Field.Label>
          <Textarea value={section.guidance} onChange={(e) => set('guidance', e.target.value)} />
        </Field.Root>
        <Checkbox checked={section.required} onCheckedChange={(checked) => set('required', checked === true)}>
          Required
        </Checkbox>
      </Flex>
    </Box>
  );
}

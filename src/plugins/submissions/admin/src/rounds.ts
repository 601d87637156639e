import { questionTitle, sectionCommentKey } from '../../shared/comments';
import type { TemplateSection } from '../../shared/template';
import type { AnswersSnapshot, HistoryEvent } from './contracts';

export interface FieldChange {
  /** The question's comment key: title, summary, answers.<key>, topics ... */
  key: string;
  title: string;
  before: string;
  after: string;
  /** What the reviewer said about this answer when asking for changes. */
  comment?: string;
}

export interface RoundComparison {
  round: number;
  previousAt: string;
  currentAt: string;
  changes: FieldChange[];
  unchanged: string[];
}

const listText = (values?: string[]) => (values ?? []).join(', ');
const contactText = (contact?: AnswersSnapshot['contact']) =>
  [contact?.name, contact?.role, contact?.email].filter(Boolean).join(', ');

/** The answers of a snapshot that can be compared, as text, in the form's order. */
function fieldsOf(snapshot: AnswersSnapshot, sections: TemplateSection[]) {
  const fields = [
    { key: 'title', text: snapshot.title ?? '' },
    { key: 'summary', text: snapshot.summary ?? '' },
    { key: 'topics', text: listText(snapshot.topics) },
    { key: 'supportTypes', text: listText(snapshot.supportTypes) },
    ...sections.map((s) => ({ key: sectionCommentKey(s.key), text: snapshot.answers?.[s.key] ?? '' })),
    { key: 'contact', text: contactText(snapshot.contact) },
    { key: 'attachments', text: listText(snapshot.attachments) },
  ];
  return fields.map((f) => ({ ...f, title: questionTitle(f.key, sections) }));
}

/** The latest submit against the one before it, with the reviewer's comments made in between; null before a resubmission. */
export function compareLatestRounds(
  history: HistoryEvent[],
  sections: TemplateSection[]
): RoundComparison | null {
  const submits = history.filter((event) => event.action === 'submit' && event.snapshot);
  if (submits.length < 2) return null;
  const previous = submits[submits.length - 2];
  const current = submits[submits.length - 1];
  const between = history.filter(
    (e) => e.at >= previous.at && e.at <= current.at && e.action === 'request_changes'
  );
  const comments = Object.assign({}, ...between.map((e) => e.comments)) as Record<string, string>;
  const before = fieldsOf(previous.snapshot!, sections);
  const after = fieldsOf(current.snapshot!, sections);
  const changes: FieldChange[] = [];
  const unchanged: string[] = [];
  before.forEach((field, i) => {
    if (field.text === after[i].text) unchanged.push(field.title);
    else
      changes.push({
        key: field.key,
        title: field.title,
        before: field.text,
        after: after[i].text,
        comment: comments[field.key],
      });
  });
  return { round: submits.length, previousAt: previous.at, currentAt: current.at, changes, unchanged };
}

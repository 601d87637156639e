import {
  commentKeys,
  commentsFromSectionComments,
  commentsInOrder,
  questionTitle,
  sectionCommentsOf,
} from './comments';
import { DEFAULT_TEMPLATE_SECTIONS } from './template';

const sections = DEFAULT_TEMPLATE_SECTIONS;

it('lists a key for every question, in the order the form asks them', () => {
  expect(commentKeys(sections)).toEqual([
    'title',
    'summary',
    'topics',
    'supportTypes',
    'answers.introduction',
    'answers.challenge',
    'answers.solution',
    'answers.impact',
    'answers.sustained',
    'answers.lessons',
    'contact',
    'attachments',
  ]);
});

it('names each question as the form does, and keeps an unknown key as it is', () => {
  expect(questionTitle('supportTypes', sections)).toBe('Support type');
  expect(questionTitle('answers.impact', sections)).toBe('The impact');
  expect(questionTitle('attachments', sections)).toBe('Images and documents');
  expect(questionTitle('answers.gone', sections)).toBe('answers.gone');
});

it('orders comments as the form does', () => {
  expect(
    commentsInOrder({ contact: 'c', 'answers.impact': 'i', title: 't' }, sections).map((c) => c.title)
  ).toEqual(['Title', 'The impact', 'Contact']);
});

it('reads comments stored by bare section key, and gives them back in that shape', () => {
  const comments = commentsFromSectionComments({ impact: 'How many?', summary: 'a section called summary' });
  expect(comments).toEqual({ 'answers.impact': 'How many?', 'answers.summary': 'a section called summary' });
  expect(sectionCommentsOf({ ...comments, title: 'not a section' })).toEqual({
    impact: 'How many?',
    summary: 'a section called summary',
  });
});

import { ACTIONS, STATES } from '../plugins/submissions/shared/workflow';
import {
  arrayOf,
  bool,
  errorResponse,
  int,
  json,
  mapOf,
  nullable,
  obj,
  PAGINATION,
  pathParam,
  queryParam,
  ref,
  str,
  type Schema,
} from './schema-kit';

/**
 * The council API (src/plugins/submissions/shared/contracts.ts), schema for schema: TemplateForForm,
 * SubmissionSummary, SubmissionView, SubmissionList, DraftBody, UpdateBody, ActionBody. The live
 * responses are checked against these by tests/data/openapi.test.ts.
 */
export const councilComponents = (): Record<string, Schema> => {
  const state = str({ enum: [...STATES] });
  const dateTime = str({ format: 'date-time' });
  const comments = mapOf(str());
  const contact = obj({ name: nullable(str()), role: nullable(str()), email: nullable(str()) }, ['name', 'role', 'email']);
  const question = (extra: Record<string, Schema> = {}) => obj({ title: str(), guidance: str(), ...extra });
  const summaryFields: Record<string, Schema> = {
    id: str(),
    reference: nullable(str()),
    title: nullable(str()),
    state,
    stateLabel: str(),
    version: int(),
    council: nullable(obj({ id: str(), name: str() })),
    assignee: nullable(obj({ id: int(), name: nullable(str()) })),
    submittedAt: nullable(dateTime),
    lastActivityAt: nullable(dateTime),
    createdAt: dateTime,
    allowedActions: arrayOf(str({ enum: [...ACTIONS] })),
  };
  const draftFields: Record<string, Schema> = {
    title: nullable(str({ maxLength: 200 })),
    summary: nullable(str({ maxLength: 600 })),
    answers: mapOf(nullable(str())),
    topics: arrayOf(str({ description: 'documentId' })),
    supportTypes: arrayOf(str({ description: 'documentId' })),
    contact: nullable(contact),
    coverAttachment: nullable(str()),
  };
  return {
    Contact: contact,
    NamedTerm: obj({ id: str(), name: str(), slug: str() }),
    TemplateSection: obj({ key: str(), title: str(), guidance: str(), required: bool(), wordLimit: int() }),
    TemplateForForm: obj(
      {
        version: int(),
        sections: arrayOf(ref('TemplateSection')),
        publishedBy: nullable(str()),
        createdAt: dateTime,
        questions: obj({
          title: question({ maxLength: int() }),
          summary: question({ maxLength: int(), wordLimit: int() }),
          topics: question(),
          supportTypes: question(),
          contact: question(),
        }),
      },
      ['publishedBy', 'createdAt']
    ),
    SubmissionSummary: obj(summaryFields),
    Attachment: obj({
      id: str({ pattern: '^[a-f0-9]{32}$' }),
      name: str(),
      mime: str(),
      size: int(),
      uploadedAt: dateTime,
      isImage: bool(),
      isCover: bool(),
      url: str({ description: 'The authorised download route for whoever asked' }),
    }),
    HistoryEvent: obj({
      id: int(),
      action: str(),
      fromState: nullable(state),
      toState: state,
      actor: obj({ kind: str({ enum: ['council', 'admin'] }), name: nullable(str()) }),
      message: nullable(str()),
      comments,
      sectionComments: comments,
      submissionVersion: int(),
      at: dateTime,
    }),
    Feedback: obj({ action: str(), message: nullable(str()), comments, sectionComments: comments, at: dateTime }),
    SubmissionView: obj({
      ...summaryFields,
      templateVersion: int(),
      summary: nullable(str()),
      answers: mapOf(str()),
      contact,
      topics: arrayOf(ref('NamedTerm')),
      supportTypes: arrayOf(ref('NamedTerm')),
      attachments: arrayOf(ref('Attachment')),
      coverAttachment: nullable(str()),
      author: nullable(obj({ name: str() })),
      caseStudy: nullable(
        obj({ documentId: str(), live: bool(), slug: nullable(str()), url: nullable(str()) }, ['live', 'slug', 'url'])
      ),
      feedback: nullable(ref('Feedback')),
      history: arrayOf(ref('HistoryEvent')),
    }),
    SubmissionList: obj({ data: arrayOf(ref('SubmissionSummary')), meta: obj({ pagination: PAGINATION }) }),
    SubmissionOne: obj({ data: ref('SubmissionView') }),
    TemplateOne: obj({ data: ref('TemplateForForm') }),
    DraftBody: obj(draftFields, Object.keys(draftFields)),
    UpdateBody: obj(
      { ...draftFields, version: int({ description: 'The version the client loaded (a stale one answers 409)' }) },
      Object.keys(draftFields)
    ),
    ActionBody: obj(
      { version: int(), message: str(), comments, sectionComments: comments },
      ['message', 'comments', 'sectionComments']
    ),
  };
};

const id = pathParam('id', 'The submission\'s id');
const fileId = pathParam('fileId', 'The attachment\'s id', str({ pattern: '^[a-f0-9]{32}$' }));
const versionQuery = queryParam('version', 'The version the officer saw (a stale one answers 409)', int({ minimum: 1 }));
const body = (schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });

const COUNCIL_ERRORS = {
  '400': errorResponse('A field is missing, malformed or not allowed (details.errors[].path names it)'),
  '401': errorResponse('A token that is malformed, has expired or was ended (sign-out, password change)'),
  '403': errorResponse('No token at all, an account that belongs to no council, or an action that is not the council\'s'),
  '404': errorResponse('No such submission, or another council\'s'),
};
const CONFLICT = { '409': errorResponse('The state does not allow it, or the version is stale') };
const tags = ['Council submissions'];

export const councilPaths = (): Record<string, unknown> => ({
  '/submissions/template': {
    get: {
      tags,
      summary: 'The case-study template: sections, guidance, required, word limits, fixed questions',
      operationId: 'getTemplate',
      security: [],
      parameters: [queryParam('version', 'A template version (default: the current one)', int({ minimum: 1 }))],
      responses: { '200': json(ref('TemplateOne')), '400': errorResponse('Bad version'), '404': errorResponse('No such version') },
    },
  },
  '/submissions': {
    get: {
      tags,
      summary: 'Your council\'s submissions',
      operationId: 'listSubmissions',
      parameters: [
        queryParam('page', 'Page number', int({ minimum: 1 })),
        queryParam('pageSize', 'At most 100 (default 25)', int({ minimum: 1, maximum: 100 })),
      ],
      responses: { '200': json(ref('SubmissionList')), ...COUNCIL_ERRORS },
    },
    post: {
      tags,
      summary: 'Start a draft',
      operationId: 'createSubmission',
      requestBody: body(ref('DraftBody')),
      responses: { '201': json(ref('SubmissionOne'), 'Created'), ...COUNCIL_ERRORS },
    },
  },
  '/submissions/{id}': {
    get: {
      tags,
      summary: 'One submission, with its attachments, feedback, history and published case study',
      operationId: 'getSubmission',
      parameters: [id],
      responses: { '200': json(ref('SubmissionOne')), ...COUNCIL_ERRORS },
    },
    put: {
      tags,
      summary: 'Update a draft (draft or changes requested); answers merge by key',
      operationId: 'updateSubmission',
      parameters: [id],
      requestBody: body(ref('UpdateBody')),
      responses: { '200': json(ref('SubmissionOne')), ...COUNCIL_ERRORS, ...CONFLICT },
    },
  },
  '/submissions/{id}/actions/{action}': {
    post: {
      tags,
      summary: 'Submit or withdraw (state changes are verbs)',
      operationId: 'actOnSubmission',
      parameters: [id, pathParam('action', 'submit or withdraw', str({ enum: ['submit', 'withdraw'] }))],
      requestBody: body(ref('ActionBody')),
      responses: { '200': json(ref('SubmissionOne')), ...COUNCIL_ERRORS, ...CONFLICT },
    },
  },
  '/submissions/{id}/attachments': {
    post: {
      tags,
      summary: 'Attach a file (PDF, Office, OpenDocument, PNG, JPEG or plain text, decided by content; 10 MB, 10 a submission)',
      operationId: 'addAttachment',
      parameters: [id],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: obj({ file: str({ format: 'binary' }), version: int() }, ['version']),
          },
        },
      },
      responses: { '201': json(ref('SubmissionOne'), 'Created'), ...COUNCIL_ERRORS, ...CONFLICT },
    },
  },
  '/submissions/{id}/attachments/{fileId}': {
    get: {
      tags,
      summary: 'Download an attachment (its council\'s officers only)',
      operationId: 'downloadAttachment',
      parameters: [id, fileId],
      responses: {
        '200': { description: 'The file', content: { 'application/octet-stream': { schema: str({ format: 'binary' }) } } },
        ...COUNCIL_ERRORS,
      },
    },
    delete: {
      tags,
      summary: 'Remove an attachment',
      operationId: 'removeAttachment',
      parameters: [id, fileId, versionQuery],
      responses: { '200': json(ref('SubmissionOne')), ...COUNCIL_ERRORS, ...CONFLICT },
    },
  },
  '/auth/local': {
    post: {
      tags: ['Council submissions'],
      summary: 'Sign in as a council officer: the `jwt` is the bearer token for /submissions',
      operationId: 'signIn',
      security: [],
      requestBody: body(obj({ identifier: str({ description: 'Email address' }), password: str() })),
      responses: {
        '200': json({
          type: 'object',
          required: ['jwt', 'user'],
          properties: { jwt: str(), user: { type: 'object', additionalProperties: true } },
          additionalProperties: false,
        }),
        '400': errorResponse('Wrong email or password, or the account is not confirmed or is blocked'),
        '429': errorResponse('Too many attempts from this client'),
      },
    },
  },
});

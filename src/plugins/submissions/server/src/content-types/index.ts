import template from './template';
import submission from './submission';
import reviewEvent from './review-event';
import outboxMessage from './outbox-message';

export default {
  template,
  submission,
  'review-event': reviewEvent,
  'outbox-message': outboxMessage,
};

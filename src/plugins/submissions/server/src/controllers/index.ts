import council from './council';
import editor from './editor';

export default { council, editor };

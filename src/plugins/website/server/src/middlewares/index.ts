import authLimit from './auth-limit';
import page from './page';

export default { page, 'auth-limit': authLimit };

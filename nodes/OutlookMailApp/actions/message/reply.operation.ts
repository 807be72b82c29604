import { responseOperation } from './respond';

export default responseOperation('reply');

import { ruleToggle } from './toggle';

export default ruleToggle('disable');

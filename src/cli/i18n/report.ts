import type { Messages } from './types.js';

// Messages of the report module.
const messages: Messages = {};

export default messages;

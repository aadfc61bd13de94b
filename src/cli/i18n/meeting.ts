import type { Messages } from './types.js';

// Messages of the meeting module.
const messages: Messages = {};

export default messages;

import type { Messages } from './types.js';

// Messages of the key module.
const messages: Messages = {};

export default messages;

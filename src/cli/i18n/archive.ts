import type { Messages } from './types.js';

// Messages of the archive module.
const messages: Messages = {};

export default messages;

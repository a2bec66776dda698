import type { Command } from './main.js';
import { UsageError } from './args.js';

// Placeholder until the command's issue lands.
export const command: Command = {
  summary: '(in progress)',
  help: 'teikit query: in progress',
  async run() {
    throw new UsageError('query: not available yet');
  },
};

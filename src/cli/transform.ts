import type { Command } from './main.js';
import { UsageError } from './args.js';

// Placeholder until the command's issue lands.
export const command: Command = {
  summary: '(in progress)',
  help: 'teikit transform: in progress',
  async run() {
    throw new UsageError('transform: not available yet');
  },
};

// Loaded with --import into a process the benchmark measures as a whole (the command line): prints the process's
// peak RSS to stderr as it exits, which a parent cannot read of a child in Node.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`));

import type { TFunction } from 'i18next';
import { decodeFrameDetailed } from '../../core/qr/decode-frame';
import { CliError, type CliCommand } from '../cli-types';
import { ImageReadError, readImage } from '../read-image';

/**
 * `decode IMAGE... [--json]`: runs the scanner's frame decoder (default time budget) on PNG/JPEG files.
 * Exit 0 when every file gave a code, 2 when some had none, 1 when a file could not be read as an image
 * (the other files are still decoded).
 */
export const decodeCommand: CliCommand = {
  options: { json: { type: 'boolean', default: false } },
  positionals: true,
  async run(values, t, files) {
    if (files.length === 0) throw new CliError(t('cli.missingImages'));
    let unreadable = 0;
    let withoutCode = 0;
    for (const file of files) {
      let image;
      try {
        image = readImage(file);
      } catch (err) {
        if (!(err instanceof ImageReadError)) throw err;
        unreadable++;
        const message = readErrorMessage(err, t);
        console.error(message);
        if (values.json) console.log(JSON.stringify({ file, text: null, ms: null, error: message }));
        continue;
      }
      const report = decodeFrameDetailed(image.data, image.width, image.height);
      if (report.text === null) withoutCode++;
      if (values.json) {
        console.log(JSON.stringify({ file, text: report.text, ms: Math.round(report.ms * 10) / 10 }));
      } else {
        console.log(`${file}: ${report.text ?? t('cli.decodeNoCode')}`);
      }
    }
    if (unreadable > 0) return 1;
    return withoutCode > 0 ? 2 : 0;
  },
};

function readErrorMessage(err: ImageReadError, t: TFunction): string {
  const vars = { file: err.file, detail: err.detail };
  switch (err.problem) {
    case 'not_found':
      return t('cli.imageNotFound', vars);
    case 'unreadable':
      return t('cli.imageUnreadable', vars);
    case 'unsupported':
      return t('cli.imageUnsupported', vars);
    case 'corrupt':
      return t('cli.imageCorrupt', vars);
  }
}

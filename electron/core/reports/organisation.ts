import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Db } from '../../../db/open';
import { getReportOrganisation, setReportLogo, setReportOrganisationName } from '../../../db/queries/report-settings';
import { createPdf } from '../pdf/document';
import { AppError } from '../errors';

/** A logo is printed about 5 × 2 cm: half a megabyte is plenty and keeps the event file small. */
export const MAX_LOGO_BYTES = 512 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function logoType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * Checks a logo the way it will be used: its type from its bytes (not from a file name), its size, and that the
 * PDF library can read it — a broken image is refused now rather than breaking every certificate later.
 */
export function validateLogo(base64: string): { bytes: Buffer; type: 'image/png' | 'image/jpeg' } {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('bad_request', { reason: 'logo_unreadable' });
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('bad_request', { reason: 'logo_too_large', maxKb: MAX_LOGO_BYTES / 1024 });
  const type = logoType(bytes);
  if (!type) throw new AppError('bad_request', { reason: 'logo_type' });
  try {
    // Decoded in full here: pdfkit decodes pixels only while writing a PDF, where a broken image would surface late.
    const { width, height } = type === 'image/png' ? PNG.sync.read(bytes) : jpeg.decode(bytes, { maxResolutionInMP: 20 });
    if (!width || !height) throw new Error('empty image');
    (createPdf({ title: 'logo' }) as unknown as { openImage(b: Buffer): unknown }).openImage(bytes);
  } catch {
    throw new AppError('bad_request', { reason: 'logo_unreadable' });
  }
  return { bytes, type };
}

export interface OrganisationInput {
  name?: string | null;
  /** Base64 of a PNG or JPEG; null removes the logo; absent keeps it. */
  logo?: string | null;
}

export function updateOrganisation(db: Db, input: OrganisationInput): void {
  const logo = input.logo ? validateLogo(input.logo) : null;
  db.transaction(() => {
    if (input.name !== undefined) setReportOrganisationName(db, input.name?.trim() || null);
    if (input.logo === null) setReportLogo(db, null, null);
    else if (logo) setReportLogo(db, logo.bytes, logo.type);
  })();
}

export function organisationSummary(db: Db): { name: string | null; logo: string | null } {
  const o = getReportOrganisation(db);
  return { name: o.name, logo: o.logo && o.logoType ? `data:${o.logoType};base64,${o.logo.toString('base64')}` : null };
}

import { zipSync, type Zippable } from 'fflate';
import type { ReportOrganisation } from '../../../db/queries/report-settings';
import { CM, contentWidth, createPdf, pdfBytes, type Pdf } from '../pdf/document';
import { FONT_BOLD, FONT_REGULAR } from '../pdf/fonts';
import { COLORS } from '../pdf/layout';
import { attendedItems, type AttendanceData, type PersonAttendance } from './attendance';
import type { Translate } from './columns';
import { fileNamePart } from './file-names';
import { listLabel } from './list-label';
import { germanDate, germanDateRange, germanWeekdayDate, localDate, localTime } from './time';

export interface CertificateContext {
  event: { name: string; place: string | null; startsOn: string | null; endsOn: string | null; timezone: string };
  organisation: ReportOrganisation;
  issuedOn: Date;
  t: Translate;
}

/** Everyone with at least one effective entry anywhere gets a certificate; cancelled people who came too. */
export function certificatePeople(data: AttendanceData): PersonAttendance[] {
  return data.people.filter((p) => p.present);
}

function centered(doc: Pdf, text: string, size: number, options: { bold?: boolean; color?: string; gap?: number } = {}): void {
  doc.font(options.bold ? FONT_BOLD : FONT_REGULAR).fontSize(size).fillColor(options.color ?? COLORS.text);
  doc.text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc), align: 'center' });
  doc.moveDown(options.gap ?? 0.4);
}

function letterhead(doc: Pdf, ctx: CertificateContext): void {
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const { logo, name } = ctx.organisation;
  if (logo) doc.image(logo, left, top, { fit: [5 * CM, 2.2 * CM] });
  if (name) {
    const x = logo ? left + 5.6 * CM : left;
    doc.font(FONT_BOLD).fontSize(11).fillColor(COLORS.muted)
      .text(name, x, top + 4, { width: contentWidth(doc) - (x - left), align: logo ? 'right' : 'left' });
  }
  doc.x = left;
  doc.y = top + 3.4 * CM;
}

function attendanceLines(doc: Pdf, p: PersonAttendance, data: AttendanceData, ctx: CertificateContext): void {
  const { t } = ctx;
  const tz = ctx.event.timezone;
  const items = attendedItems(p, data.lists);
  // Days from the entrance, or else from the items attended (someone may have come straight to a walk).
  const days = p.daysPresent.length > 0 ? p.daysPresent : [...new Set(items.map((i) => i.list.day ?? localDate(i.first, tz)))].sort();
  const left = doc.page.margins.left + 1.5 * CM;
  const width = contentWidth(doc) - 3 * CM;
  if (days.length > 0) {
    doc.font(FONT_BOLD).fontSize(11).fillColor(COLORS.text).text(t('reports.certificate.days'), left, doc.y, { width });
    doc.font(FONT_REGULAR).fontSize(11).text(days.map((d) => germanWeekdayDate(d)).join(', '), left, doc.y, { width });
    doc.moveDown(0.8);
  }
  if (items.length > 0) {
    doc.font(FONT_BOLD).fontSize(11).text(t('reports.certificate.items'), left, doc.y, { width });
    doc.moveDown(0.2);
    for (const { list, first } of items) {
      const when = list.day
        ? `${germanDate(list.day, tz)}${list.startsAt ? `, ${t('reports.value.clock', { time: list.startsAt })}` : ''}`
        : `${germanDate(first, tz)}, ${t('reports.value.clock', { time: localTime(first, tz) })}`;
      doc.font(FONT_REGULAR).fontSize(10.5).text(`•  ${listLabel(list, t)} – ${when}`, left, doc.y, { width, indent: 0 });
      doc.moveDown(0.15);
    }
  }
}

function signature(doc: Pdf, ctx: CertificateContext): void {
  const { t } = ctx;
  const left = doc.page.margins.left;
  const y = doc.page.height - doc.page.margins.bottom - 3.2 * CM;
  const issued = germanDate(ctx.issuedOn.toISOString(), ctx.event.timezone);
  doc.font(FONT_REGULAR).fontSize(10.5).fillColor(COLORS.text);
  doc.text(ctx.event.place ? t('reports.certificate.issuedAt', { place: ctx.event.place, date: issued }) : t('reports.certificate.issued', { date: issued }), left, y, { width: 7 * CM });
  const sx = left + contentWidth(doc) - 7 * CM;
  doc.moveTo(sx, y + 12).lineTo(sx + 7 * CM, y + 12).lineWidth(0.6).strokeColor(COLORS.text).stroke();
  doc.fontSize(9).fillColor(COLORS.muted).text(ctx.organisation.name ?? t('reports.certificate.signature'), sx, y + 16, { width: 7 * CM, align: 'center' });
  doc.fontSize(8).text(t('reports.certificate.basis'), left, doc.page.height - doc.page.margins.bottom - 0.8 * CM, { width: contentWidth(doc), align: 'center' });
}

/** One certificate page ("Teilnahmebescheinigung") for one person. */
export function drawCertificate(doc: Pdf, p: PersonAttendance, data: AttendanceData, ctx: CertificateContext): void {
  const { t, event } = ctx;
  letterhead(doc, ctx);
  centered(doc, t('reports.certificate.title'), 26, { bold: true, color: COLORS.accent, gap: 1.2 });
  centered(doc, t('reports.certificate.intro'), 12, { gap: 0.6 });
  centered(doc, `${p.person.firstName} ${p.person.lastName}`.trim(), 20, { bold: true, gap: 0.2 });
  if (p.person.organisation) centered(doc, p.person.organisation, 11, { color: COLORS.muted, gap: 0.6 });
  else doc.moveDown(0.4);
  centered(doc, t('reports.certificate.event'), 12, { gap: 0.4 });
  centered(doc, event.name, 15, { bold: true, gap: 0.4 });
  const range = germanDateRange(event.startsOn, event.endsOn);
  const when = range && event.place ? t('reports.certificate.dateAndPlace', { date: range, place: event.place })
    : range ? t('reports.certificate.date', { date: range })
    : event.place ? t('reports.certificate.place', { place: event.place }) : null;
  if (when) centered(doc, when, 12, { gap: 0.2 });
  centered(doc, t('reports.certificate.outro'), 12, { gap: 1.4 });
  attendanceLines(doc, p, data, ctx);
  signature(doc, ctx);
}

function newCertificatePdf(ctx: CertificateContext, title: string): Pdf {
  return createPdf({ title, author: ctx.organisation.name, createdAt: ctx.issuedOn, margins: { top: 2 * CM, bottom: 2 * CM, left: 2.5 * CM, right: 2.5 * CM } });
}

/** All certificates in one PDF, one page each. */
export async function certificatesPdf(people: PersonAttendance[], data: AttendanceData, ctx: CertificateContext): Promise<Buffer> {
  const doc = newCertificatePdf(ctx, `${ctx.t('reports.certificate.title')} – ${ctx.event.name}`);
  people.forEach((p, i) => {
    if (i > 0) doc.addPage();
    drawCertificate(doc, p, data, ctx);
  });
  return pdfBytes(doc);
}

/** A file name that is safe on every system and still readable: Teilnahmebescheinigung_Mueller_Juergen.pdf */
export function certificateFileName(p: PersonAttendance, t: Translate): string {
  const name = [fileNamePart(p.person.lastName), fileNamePart(p.person.firstName)].filter(Boolean).join('_') || 'Person';
  return `${fileNamePart(t('reports.certificate.title'))}_${name}.pdf`;
}

/** One PDF per person, in a ZIP. */
export async function certificatesZip(people: PersonAttendance[], data: AttendanceData, ctx: CertificateContext): Promise<Buffer> {
  const files: Zippable = {};
  for (const p of people) {
    const doc = newCertificatePdf(ctx, `${ctx.t('reports.certificate.title')} – ${p.person.firstName} ${p.person.lastName}`);
    drawCertificate(doc, p, data, ctx);
    let name = certificateFileName(p, ctx.t);
    for (let n = 2; files[name]; n++) name = name.replace(/(-\d+)?\.pdf$/, `-${n}.pdf`);
    // PDFs are compressed already; storing them keeps the ZIP quick to make.
    files[name] = [await pdfBytes(doc), { level: 0 }];
  }
  return Buffer.from(zipSync(files, { mtime: ctx.issuedOn }));
}

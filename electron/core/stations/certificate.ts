import { createHash, X509Certificate } from 'node:crypto';
import selfsigned from 'selfsigned';

export interface HubIdentity {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the certificate (DER), lower-case hex: what stations pin. */
  fingerprint: string;
}

/**
 * The hub's TLS identity, made once per hub event file and kept in it (the private key never leaves the file).
 * Self-signed: stations do not trust it because of who signed it but because its fingerprint is the one the
 * pairing QR code (or typed code) carried. ECDSA P-256.
 */
export async function createHubIdentity(): Promise<HubIdentity> {
  // Wide validity: TLS checks it against the station's own clock, which may be far off (a dead clock battery);
  // trust comes from the pinned fingerprint, not from the dates.
  const notBeforeDate = new Date('2000-01-01T00:00:00Z');
  const notAfterDate = new Date(Date.now() + 20 * 365 * 24 * 3600 * 1000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'Einlass Hauptstation' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate, notAfterDate,
  });
  return { certPem: pems.cert, keyPem: pems.private, fingerprint: fingerprintOfPem(pems.cert) };
}

export function fingerprintOfDer(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

export function fingerprintOfPem(pem: string): string {
  return fingerprintOfDer(new X509Certificate(pem).raw);
}

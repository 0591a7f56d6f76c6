import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/** What an authenticator app needs: the secret, its otpauth:// URI and that URI as a QR code. */
export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

const TOTP_PERIOD_SECONDS = 30;

/** A new 160-bit TOTP secret for `username`, labelled with the network's name. */
export async function newTotpSetup(username: string): Promise<TotpSetup> {
  const secret = generateSecret({ length: 20 });
  const otpauthUri = generateURI({
    issuer: "Relais",
    label: username,
    secret,
    period: TOTP_PERIOD_SECONDS,
  });
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUri, {
    errorCorrectionLevel: "M",
    margin: 2,
  });
  return { secret, otpauthUri, qrCodeDataUrl };
}

/**
 * Checks a TOTP code at `now`, allowing one step of clock drift either way, and refusing any
 * step at or before `lastStep` so that a code seen by an onlooker cannot be replayed.
 * @returns the accepted time step, or null.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
    });
    return result.valid && "timeStep" in result ? (result.timeStep as number) : null;
  } catch {
    return null;
  }
}

import { getEventSettings, setCodePattern, setFrontDeskPin } from '../../../db/queries/event';
import type { EventSettings } from '../../contract/entities';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import type { Handlers } from '../handler';
import { compileCodePattern } from '../payload/parse-payload';
import { hashPin, verifyPin } from './pin';

function settingsOf(ctx: AppContext): EventSettings {
  const s = getEventSettings(ctx.requireEvent().db);
  return { codePattern: s.codePattern, hasPin: s.frontDeskPin !== null };
}

export const frontDeskHandlers: Handlers<'event.settings' | 'event.updateSettings' | 'frontDesk.unlock'> = {
  'event.settings': (ctx) => settingsOf(ctx),
  'event.updateSettings': (ctx, input) => {
    const { db } = ctx.requireEvent();
    if (input.codePattern !== undefined) {
      const pattern = input.codePattern?.trim() || null;
      if (pattern && !compileCodePattern(pattern)) throw new AppError('invalid_pattern', { pattern });
      setCodePattern(db, pattern);
    }
    if (input.pin !== undefined) setFrontDeskPin(db, input.pin === null ? null : hashPin(input.pin));
    return settingsOf(ctx);
  },
  'frontDesk.unlock': (ctx, input) => ({ unlocked: verifyPin(input.pin, getEventSettings(ctx.requireEvent().db).frontDeskPin) }),
};

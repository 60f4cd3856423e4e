import type { PlatformService } from '../../api-types-exchange.ts';
import { formatYuan } from '../../format.ts';
import type { MessageKey, Translate } from '../../i18n.ts';

const PLATFORM_STATUSES = ['pending', 'approved', 'rejected', 'suspended'];

/** A service's fee as the public reads it: 免费, or `¥1,200.00 元/次`. */
export function feeText(service: PlatformService, t: Translate): string {
  if (service.free || service.fee === null) return t('portal.platforms.free');
  const amount = formatYuan(service.fee);
  return service.feeUnit ? `${amount} ${service.feeUnit}` : amount;
}

/** The registration status's name, when the page knows it (the raw value otherwise). */
export function platformStatusKey(status: string): MessageKey | null {
  return PLATFORM_STATUSES.includes(status) ? (`portal.platformStatus.${status}` as MessageKey) : null;
}

// Money on the billing screens: the hub sends and takes integer minor units
// (poisha/paise); the screens show "৳ 1,250.00" as the receipts do and read
// "1250.5" typed by the cashier digit by digit, so no float ever rounds.
import { latinDigits } from './i18n.js';

const SIGN = { BDT: '৳', INR: '₹' };

export function formatMoney(minor, currency) {
  const n = Number(minor) || 0;
  const magnitude = Math.abs(n);
  const whole = String(Math.floor(magnitude / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(magnitude % 100).padStart(2, '0');
  return `${SIGN[currency] || currency || ''} ${n < 0 ? '-' : ''}${whole}.${cents}`.trim();
}

// "500", "500.5", "1,250.00", "৫০০" → minor units; null when it is not an amount.
export function parseMoney(text) {
  const s = latinDigits(String(text)).replace(/[,\s৳₹]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
}

// What the amount field shows for minor units: "300.00".
export const moneyInput = (minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

// The words the TV shows, in English and Bangla, and Bangla digits.

const WORDS = {
  nowServing: { en: 'Now serving', bn: 'এখন ডাকা হচ্ছে' },
  next: { en: 'Next', bn: 'পরবর্তী' },
  room: { en: 'Room', bn: 'কক্ষ' },
  token: { en: 'Token', bn: 'টোকেন' },
  waiting: { en: 'waiting', bn: 'জন অপেক্ষায়' },
  noneCalled: { en: 'Not started', bn: 'এখনো শুরু হয়নি' },
  noneWaiting: { en: 'No one waiting', bn: 'কেউ অপেক্ষায় নেই' },
  pleaseGo: { en: 'please go to', bn: 'অনুগ্রহ করে যান' },
  reconnecting: { en: 'Reconnecting to the clinic hub…', bn: 'ক্লিনিক হাবের সাথে আবার সংযোগ করা হচ্ছে…' },
  enableSound: { en: 'Tap to enable sound', bn: 'শব্দ চালু করতে স্পর্শ করুন' },
  unknownDisplay: {
    en: 'The clinic hub does not know this screen. Ask the administrator for the display\'s link.',
    bn: 'ক্লিনিক হাব এই স্ক্রিনটি চেনে না। প্রশাসকের কাছ থেকে ডিসপ্লের লিংক নিন।',
  },
};

const BANGLA_DIGITS = '০১২৩৪৫৬৭৮৯';
const WEEKDAYS = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  bn: ['রবিবার', 'সোমবার', 'মঙ্গলবার', 'বুধবার', 'বৃহস্পতিবার', 'শুক্রবার', 'শনিবার'],
};
const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  bn: ['জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর', 'অক্টোবর', 'নভেম্বর',
    'ডিসেম্বর'],
};

export function banglaDigits(text) {
  return String(text).replace(/[0-9]/g, (d) => BANGLA_DIGITS[Number(d)]);
}

// How one display speaks: its languages ("en", "bn" or "both") and whether
// numbers are written with Bangla digits.
export class Language {
  constructor(settings = {}) {
    this.languages = settings.languages || 'en';
    this.banglaNumerals = Boolean(settings.bangla_numerals);
  }

  // The languages to show, in order: English first when both.
  get list() {
    return this.languages === 'both' ? ['en', 'bn'] : [this.languages === 'bn' ? 'bn' : 'en'];
  }

  get primary() { return this.list[0]; }

  number(text) {
    return this.banglaNumerals ? banglaDigits(text) : String(text);
  }

  word(key, lang) { return WORDS[key][lang]; }

  // "Room 2" / "কক্ষ ২". Clinics write rooms as "2" or as "Room 2": the word is
  // added in each language rather than doubled.
  room(room, lang) {
    return `${WORDS.room[lang]} ${this.number(String(room).replace(/^\s*room\s+/i, ''))}`;
  }

  // A <span lang=…> per language, so both show stacked and each gets its font.
  words(key, transform = (s) => s) {
    return this.list.map((lang) => span(transform(WORDS[key][lang], lang), lang));
  }

  clock(date) {
    const h = date.getUTCHours();
    const m = String(date.getUTCMinutes()).padStart(2, '0');
    const h12 = ((h + 11) % 12) + 1;
    const lang = this.primary;
    const time = `${h12}:${m}`;
    const period = lang === 'bn' ? (h < 12 ? 'পূর্বাহ্ণ' : 'অপরাহ্ণ') : (h < 12 ? 'AM' : 'PM');
    const day = `${WEEKDAYS[lang][date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[lang][date.getUTCMonth()]}`;
    return { time: `${this.number(time)} ${period}`, day: this.number(day) };
  }
}

export function span(text, lang, className) {
  const el = document.createElement('span');
  el.textContent = text;
  if (lang) el.lang = lang;
  if (className) el.className = className;
  return el;
}

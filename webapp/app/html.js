// The one front-end library (Preact with htm's tagged templates, vendored by
// webapp/scripts/vendor.mjs): every screen imports it from here.
import { h, render, Fragment } from './vendor/preact.js';
import htm from './vendor/htm.js';

export { useState, useEffect, useRef, useMemo, useCallback } from './vendor/hooks.js';
export { render, Fragment };
export const html = htm.bind(h);

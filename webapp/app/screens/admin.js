// The admin's screen: one tab per job (clinic profile and letterhead, staff
// and roles, doctors, display screens, the formulary and templates, the audit
// log, the billing settings, the fee schedule and the revenue report). A tab
// is offered only when the role may call its operations; the hub checks every
// call anyway. The background jobs' panel is another screen's.
import { html, useState } from '../html.js';
import { t } from '../i18n.js';
import { ClinicProfile } from './admin_clinic.js';
import { StaffAdmin, DoctorsAdmin } from './admin_staff.js';
import { DisplaysAdmin } from './admin_displays.js';
import { FormularyAdmin, TemplatesAdmin } from './admin_formulary.js';
import { AuditLog } from './admin_audit.js';
import { BillingSettingsAdmin, FeeScheduleAdmin } from './admin_billing.js';
import { RevenueReport } from './revenue_report.js';

const tabs = [
  { id: 'clinic', needs: 'updateClinic', view: ClinicProfile },
  { id: 'staff', needs: 'listStaff', view: StaffAdmin },
  { id: 'doctors', needs: 'updateStaff', view: DoctorsAdmin },
  { id: 'displays', needs: 'listDisplays', view: DisplaysAdmin },
  { id: 'formulary', needs: 'createDrug', view: FormularyAdmin },
  { id: 'templates', needs: 'listClinicPrescriptionTemplates', view: TemplatesAdmin },
  { id: 'audit', needs: 'listAuditEvents', view: AuditLog },
  // billing (issue 21)
  { id: 'billingSettings', needs: 'updateBillingSettings', view: BillingSettingsAdmin },
  { id: 'feeSchedule', needs: 'updateFeeItem', view: FeeScheduleAdmin },
  { id: 'revenue', needs: 'getRevenueReport', view: RevenueReport },
];

export function Admin({ user }) {
  const mine = tabs.filter((tab) => user.permissions.includes(tab.needs));
  const [current, setCurrent] = useState(mine.length ? mine[0].id : '');
  const tab = mine.find((x) => x.id === current) || mine[0];
  if (!tab) return null;
  const View = tab.view;
  const onKey = (e) => {
    // Arrow keys move between tabs, as a tab list does.
    const i = mine.indexOf(tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = mine[(i + step + mine.length) % mine.length];
    setCurrent(next.id);
    setTimeout(() => document.getElementById(`admin-tab-${next.id}`)?.focus(), 0);
  };
  return html`<div class="admin">
    <div class="tabs" role="tablist" aria-label=${t('adminSections')} onKeyDown=${onKey}>
      ${mine.map((x) => html`<button type="button" role="tab" id=${`admin-tab-${x.id}`}
        aria-selected=${x === tab ? 'true' : 'false'} aria-controls="admin-panel" tabindex=${x === tab ? 0 : -1}
        onClick=${() => setCurrent(x.id)}>${t(x.id)}</button>`)}
    </div>
    <div id="admin-panel" role="tabpanel" aria-labelledby=${`admin-tab-${tab.id}`}>
      <${View} key=${tab.id} user=${user} />
    </div>
  </div>`;
}

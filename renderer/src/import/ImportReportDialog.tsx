import type { ReactNode } from 'react';
import { Modal } from '../app/Dialogs';
import type { ImportReportEntry } from '../../../shared/import/report';
import { closeImportReport, useImportReport } from './reportState';
import './importReport.css';

const FORMAT_NAME = { taskdef: 'task definition', compose: 'docker-compose file', cloudformation: 'CloudFormation template' } as const;

/**
 * What an import did not carry over (or changed to fit ECS), one row per source key with its path in the file:
 * warnings first, then notes. Shown after File › Import… or a dropped file whenever the report is not empty.
 */
export function ImportReportDialog(): ReactNode {
  const report = useImportReport();
  const warnings = report?.entries.filter((e) => e.severity === 'warning') ?? [];
  const notes = report?.entries.filter((e) => e.severity === 'info') ?? [];
  return (
    <Modal
      open={report !== null}
      title="Import report"
      onClose={closeImportReport}
      className="import-report"
      testId="import-report"
      actions={
        <>
          {report?.alternative && (
            <button type="button" className="button" onClick={report.alternative.run}>
              {report.alternative.label}
            </button>
          )}
          <button type="button" className="button primary" onClick={closeImportReport} autoFocus>
            Close
          </button>
        </>
      }
    >
      {report && (
        <>
          <p className="modal-lead">
            {report.summary} Imported from the {FORMAT_NAME[report.format]} <strong>{report.fileName}</strong>. {warnings.length === 0 ? 'Everything was carried over; the notes say how.' : `${warnings.length} ${warnings.length === 1 ? 'item was' : 'items were'} not carried over or changed to fit ECS:`}
          </p>
          <ReportSection title="Not carried over or changed" entries={warnings} severity="warning" />
          <ReportSection title="Notes" entries={notes} severity="info" />
        </>
      )}
    </Modal>
  );
}

function ReportSection({ title, entries, severity }: { readonly title: string; readonly entries: readonly ImportReportEntry[]; readonly severity: ImportReportEntry['severity'] }): ReactNode {
  if (entries.length === 0) return null;
  return (
    <section className="import-report-section" aria-label={title}>
      <h3>
        {title} ({entries.length})
      </h3>
      <ul className="import-report-list">
        {entries.map((e, i) => (
          <li key={i} className={`import-report-entry ${severity}`}>
            <code className="import-report-path">{e.path === '' ? '(file)' : e.path}</code>
            <span className="import-report-message">{e.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

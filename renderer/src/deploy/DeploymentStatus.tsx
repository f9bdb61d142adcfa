import type { ReactNode } from 'react';
import { useDeployState, type ServiceStatusView } from './deployState';

function ago(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleTimeString();
}

/** One service's live state: counts, deployments, recent events, stopped-task reasons. Read-only. */
export function ServiceStatusDetails({ s, events = 5 }: { s: ServiceStatusView; events?: number }): ReactNode {
  return (
    <div className="deploy-status-service">
      <p className="deploy-status-counts">
        <strong>{s.status}</strong> · desired {s.desired} · running {s.running} · pending {s.pending}
      </p>
      <p className="deploy-hint" title={s.taskDefinition}>
        {s.taskDefinition.split('/').pop()}
      </p>
      {s.deployments.length > 0 && (
        <ul className="deploy-status-list" aria-label={`Deployments of ${s.service}`}>
          {s.deployments.map((d) => (
            <li key={d.id}>
              {d.status}
              {d.rolloutState ? ` (${d.rolloutState})` : ''}: {d.running}/{d.desired} running, {d.pending} pending — {d.taskDefinition.split('/').pop()}
            </li>
          ))}
        </ul>
      )}
      {s.stoppedTasks.length > 0 && (
        <ul className="deploy-status-list is-error" aria-label={`Stopped tasks of ${s.service}`}>
          {s.stoppedTasks.map((t) => (
            <li key={t.taskArn}>
              {t.stoppedReason}
              {t.containers
                .filter((c) => c.reason !== undefined || (c.exitCode !== undefined && c.exitCode !== 0))
                .map((c) => ` · ${c.name}: ${c.reason ?? ''}${c.exitCode !== undefined ? ` (exit ${c.exitCode})` : ''}`)
                .join('')}
            </li>
          ))}
        </ul>
      )}
      {s.events.length > 0 && (
        <ul className="deploy-status-list deploy-status-events" aria-label={`Recent events of ${s.service}`}>
          {s.events.slice(0, events).map((e, i) => (
            <li key={i}>
              <span className="deploy-hint">{ago(e.at)}</span> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Inspector section of a service node: its status from the last deploy or "Refresh deployment status". */
export function DeploymentStatusSection({ designId, nodeId }: { designId: string; nodeId: string }): ReactNode {
  const entry = useDeployState((s) => s.status.get(designId));
  if (!entry) return null;
  const service = entry.services.find((s) => s.nodeId === nodeId);
  return (
    <section className="deploy-status-section" aria-label="Deployment status">
      <h3>
        Deployment status <span className="deploy-hint">read {ago(entry.at)}</span>
      </h3>
      {entry.error ? <p className="deploy-status-error">{entry.error}</p> : service ? <ServiceStatusDetails s={service} /> : <p className="deploy-hint">Not deployed (no service of this node was found).</p>}
    </section>
  );
}

/** The dialog's summary: one line per service. */
export function StatusSummary({ services }: { services: readonly ServiceStatusView[] }): ReactNode {
  if (services.length === 0) return null;
  return (
    <>
      <h3>Services</h3>
      <table className="deploy-status-table" aria-label="Service status">
        <thead>
          <tr>
            <th>Service</th>
            <th>Status</th>
            <th>Desired</th>
            <th>Running</th>
            <th>Pending</th>
            <th>Latest event / stopped task</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={`${s.cluster}/${s.service}`}>
              <td>{s.service}</td>
              <td>{s.status}</td>
              <td>{s.desired}</td>
              <td>{s.running}</td>
              <td>{s.pending}</td>
              <td>{s.stoppedTasks[0]?.stoppedReason ?? s.events[0]?.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

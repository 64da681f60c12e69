import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { renderPdf } from '../../lib/documents';
import { Conflict } from '../../lib/errors';
import { isStaff } from '../applications/public';
import { minutesData } from './service';

const DECISION_LABELS: Record<string, string> = { accepted: 'Retenu', waitlisted: "Liste d'attente", rejected: 'Non retenu' };

/**
 * The session's minutes: members, quorum, and per application the scores, declared conflicts and the
 * decision with its reasons. Members get them once the session is closed, so they reveal no score early.
 */
export async function committeeMinutesPdf(db: Db, user: CurrentUser, sessionId: string): Promise<{ pdf: Buffer; filename: string }> {
  const { detail, programmeName, items } = await minutesData(db, user, sessionId);
  if (!isStaff(user) && detail.status !== 'closed') throw new Conflict('committee.minutes_after_close');
  const pdf = await renderPdf(
    (doc) => {
      doc.fontSize(18).text(`Procès-verbal : ${detail.title}`);
      doc.moveDown(0.3).fontSize(11).fillColor('#444').text(`${programmeName} (${detail.programmeCode})`);
      doc.text(`Séance du ${detail.heldOn} · ${detail.status === 'closed' ? 'close' : 'ouverte'} · quorum : ${detail.quorum} grille(s) de notation par dossier`);
      doc.fillColor('black').moveDown();
      doc.fontSize(13).text('Membres');
      doc.fontSize(10);
      for (const m of detail.members) doc.text(`• ${m.name} (${m.email})`);
      doc.moveDown();
      doc.fontSize(13).text('Grille de notation');
      doc.fontSize(10);
      for (const c of detail.grid) doc.text(`• ${c.label} : pondération ${c.weight}, note de 0 à ${c.max}`);
      for (const item of items) {
        doc.moveDown();
        doc.fontSize(13).text(`${item.projectTitle} — ${item.organisationName}`);
        doc.fontSize(10);
        doc.text(`Grilles remises : ${item.scorecardCount} (quorum ${item.quorumReached ? 'atteint' : 'non atteint'})`);
        if (item.averageScore !== null) doc.text(`Note pondérée moyenne : ${item.averageScore.toFixed(2)} / 100`);
        for (const card of item.cards) {
          const detailScores = detail.grid.map((c) => `${c.label} ${card.scores[c.key]}/${c.max}`).join(', ');
          doc.text(`• ${card.memberName} : ${card.weightedScore.toFixed(2)} / 100 (${detailScores})${card.comment ? ` — « ${card.comment} »` : ''}`);
        }
        for (const conflict of item.conflicts) doc.text(`• Conflit d'intérêts déclaré par ${conflict.name}, qui ne note pas ce dossier : ${conflict.reason}`);
        if (item.decision) {
          doc.text(`Décision : ${DECISION_LABELS[item.decision.decision] ?? item.decision.decision} — ${item.decision.reasons}`);
        } else {
          doc.text('Décision : en attente');
        }
      }
      doc.moveDown().fontSize(8).fillColor('#666').text(`Généré le ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    },
    { Title: `Procès-verbal — ${detail.title}`, Subject: programmeName },
  );
  return { pdf, filename: `minutes-${detail.heldOn}-${detail.programmeCode}.pdf` };
}

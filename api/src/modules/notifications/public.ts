/**
 * What the notifications module offers the others: notify people of a business event, find who to tell,
 * and the daily producers (reminders, digest) the jobs module runs.
 */
export { notify, peopleReaching, type NotifyInput } from './notify';
export { remindInstalments, remindSessionsOfTomorrow } from './reminders';
export { sendDigests } from './service';

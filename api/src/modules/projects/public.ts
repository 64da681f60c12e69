/** What the projects module offers the others: a project and an organisation by id. */
export { getOrganisation, getProject } from './service';

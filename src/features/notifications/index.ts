export { mailJobs, queueMail, SEND_MAIL_TASK } from './mail.jobs.js';

// n8n-core logs through winston to the console; tests judge results, not log lines.
process.env.N8N_LOG_LEVEL = 'silent';

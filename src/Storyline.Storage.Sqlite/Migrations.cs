namespace Storyline.Storage.Sqlite;

/// <summary>Schema migrations, applied in order; the database's user_version records how many have run. Never edit a shipped migration: add one.</summary>
internal static class Migrations
{
    public static readonly string[] All =
    [
        // 1: inputs kept verbatim, documents as cleaned, near-duplicate bands, full-text index.
        """
        CREATE TABLE inputs(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            url TEXT,
            content_type TEXT NOT NULL,
            content BLOB NOT NULL,
            content_sha256 TEXT NOT NULL UNIQUE,
            retrieved_at TEXT NOT NULL,
            hints_json TEXT NOT NULL
        );
        CREATE TABLE documents(
            id INTEGER PRIMARY KEY,
            input_id INTEGER NOT NULL UNIQUE REFERENCES inputs(id),
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            blocks_json TEXT NOT NULL,
            metadata_json TEXT NOT NULL,
            title TEXT,
            publisher TEXT,
            published TEXT,
            word_count INTEGER NOT NULL,
            duplicate_of INTEGER REFERENCES documents(id),
            minhash BLOB NOT NULL,
            pipeline_version INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_text_sha256 ON documents(text_sha256);
        CREATE TABLE minhash_bands(
            band_key INTEGER NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            PRIMARY KEY(band_key, document_id)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
        """,
        // 2: stories and document membership; a development (one event within a story) is keyed by its first document.
        """
        CREATE TABLE stories(
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE story_documents(
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            story_id INTEGER NOT NULL REFERENCES stories(id),
            development_id INTEGER NOT NULL,
            similarity REAL NOT NULL
        );
        CREATE INDEX story_documents_story ON story_documents(story_id);
        """,
        // 3: entities merged over documents, what each document says about them, their mentions, and which documents have been analysed.
        """
        CREATE TABLE entities(
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            affiliations_json TEXT NOT NULL,
            aliases_json TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE document_entities(
            document_id INTEGER NOT NULL REFERENCES documents(id),
            entity_key TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            affiliations_json TEXT NOT NULL,
            aliases_json TEXT NOT NULL,
            PRIMARY KEY(document_id, entity_key)
        ) WITHOUT ROWID;
        CREATE INDEX document_entities_key ON document_entities(entity_key);
        CREATE TABLE mentions(
            document_id INTEGER NOT NULL REFERENCES documents(id),
            entity_key TEXT NOT NULL,
            start INTEGER NOT NULL,
            length INTEGER NOT NULL,
            kind TEXT NOT NULL,
            role TEXT
        );
        CREATE INDEX mentions_document ON mentions(document_id, start);
        CREATE INDEX mentions_entity ON mentions(entity_key);
        CREATE TABLE entity_analyses(
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            version INTEGER NOT NULL,
            analysed_at TEXT NOT NULL
        );
        """,
        // 4: attributed statements per document (with what their camp was classified from, so another camps file re-classifies them
        // without analysing the text again), which documents have them and at what version, a full-text index over what was said
        // (kept by triggers, so cascading deletes keep it too), and the recogniser's spans kept with the entity analysis.
        """
        CREATE TABLE statements(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            speaker_key TEXT,
            speaker_role TEXT,
            camp TEXT NOT NULL,
            kind TEXT NOT NULL,
            cue_start INTEGER,
            cue_end INTEGER,
            cue TEXT,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            parts_json TEXT NOT NULL,
            source_start INTEGER,
            source_end INTEGER,
            is_question INTEGER NOT NULL,
            parent INTEGER,
            speaker_label_start INTEGER,
            speaker_label_end INTEGER,
            source_from_handover INTEGER NOT NULL,
            text TEXT NOT NULL,
            camp_inputs_json TEXT,
            UNIQUE(document_id, ordinal)
        );
        CREATE INDEX statements_speaker_key ON statements(speaker_key COLLATE NOCASE);
        CREATE INDEX statements_speaker ON statements(speaker COLLATE NOCASE);
        CREATE INDEX statements_camp ON statements(camp COLLATE NOCASE);
        CREATE VIRTUAL TABLE statements_fts USING fts5(text, content = 'statements', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
        CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
            INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
            INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER statements_fts_update AFTER UPDATE OF text ON statements BEGIN
            INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TABLE statement_analyses(
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            statements INTEGER NOT NULL,
            analysed_at TEXT NOT NULL
        );
        CREATE TABLE recognized_entities(
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            length INTEGER NOT NULL,
            type TEXT NOT NULL,
            sentence INTEGER NOT NULL
        );
        CREATE INDEX recognized_entities_document ON recognized_entities(document_id, start);
        ALTER TABLE entity_analyses ADD COLUMN recognized INTEGER NOT NULL DEFAULT 0;
        """,
        // 5: results of the analysis stages without tables of their own (text analysis, time expressions, sentence vectors), one row per
        // document and stage with the stage version that produced it; reads take them instead of analysing again.
        """
        CREATE TABLE document_analyses(
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            version INTEGER NOT NULL,
            data BLOB NOT NULL,
            analysed_at TEXT NOT NULL,
            PRIMARY KEY(document_id, stage)
        ) WITHOUT ROWID;
        CREATE INDEX document_analyses_stage ON document_analyses(stage, version);
        """,
        // 6: each story's claims ledger (claims, their statements and stances), rebuilt as a whole when the story's statements change.
        """
        CREATE TABLE story_claims(
            story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            stamp TEXT NOT NULL,
            claims_json TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        );
        """,
        // 7: story clustering state, so that placing one more document reads and updates only what its terms reach: document frequencies
        // by term (ids in first-seen order), per development and story its term sums, squared norm and time span, and each document's
        // vectors at both levels. Stores assigned before this have the state rebuilt from their documents by the next assignment.
        """
        CREATE TABLE story_terms(
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            df INTEGER NOT NULL
        );
        CREATE TABLE story_state(
            id INTEGER PRIMARY KEY CHECK (id = 1),
            documents INTEGER NOT NULL
        );
        INSERT INTO story_state(id, documents) VALUES (1, 0);
        CREATE TABLE story_clusters(
            level INTEGER NOT NULL,
            id INTEGER NOT NULL,
            story_id INTEGER NOT NULL,
            norm_squared REAL NOT NULL,
            earliest INTEGER,
            latest INTEGER,
            PRIMARY KEY(level, id)
        ) WITHOUT ROWID;
        CREATE TABLE story_cluster_terms(
            level INTEGER NOT NULL,
            term_id INTEGER NOT NULL,
            cluster_id INTEGER NOT NULL,
            sum REAL NOT NULL,
            PRIMARY KEY(level, term_id, cluster_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_cluster_terms_cluster ON story_cluster_terms(level, cluster_id);
        CREATE TABLE story_vectors(
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            development BLOB NOT NULL,
            story BLOB NOT NULL
        );
        CREATE INDEX story_documents_development ON story_documents(development_id);
        """,
        // 8: the analysis queue that worker processes (storyline worker) share: a document waits here from ingest until a worker has
        // analysed it. A claim names its worker and holds until lease_until (Unix milliseconds); a lapsed lease is free to be claimed again.
        """
        CREATE TABLE analysis_queue(
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            enqueued_at TEXT NOT NULL,
            claimed_by TEXT,
            lease_until INTEGER
        );
        CREATE INDEX analysis_queue_order ON analysis_queue(enqueued_at, document_id);
        """,
        // 9: background ingest batches of the web app (the Add page's uploads, URLs and feeds), kept in the store so that every web
        // instance on it shows a batch's progress. A result's seq is its input's place in the batch.
        """
        CREATE TABLE ingest_jobs(
            id TEXT PRIMARY KEY,
            description TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            error TEXT
        );
        CREATE INDEX ingest_jobs_finished ON ingest_jobs(finished_at);
        CREATE TABLE ingest_job_results(
            job_id TEXT NOT NULL REFERENCES ingest_jobs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            document_id INTEGER,
            original_id INTEGER,
            error TEXT,
            title TEXT,
            PRIMARY KEY(job_id, seq)
        );
        """,
        // 10: a running batch's heartbeat, written by the instance running it: a batch whose instance died stops showing as running.
        """
        ALTER TABLE ingest_jobs ADD COLUMN heartbeat_at TEXT;
        UPDATE ingest_jobs SET heartbeat_at = started_at;
        """,
        // 11: each story's briefing and timeline as the analysis wrote them, so that showing a story reads one row: written again whenever
        // the story's stamp (its statement analyses, developments, the stages' and the writer's versions, its ledger) moves.
        """
        CREATE TABLE story_briefings(
            story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            stamp TEXT NOT NULL,
            briefing_json TEXT NOT NULL,
            written_at TEXT NOT NULL
        );
        """,
        // 12: store-wide views the analysis writes for readers (the speaker directory), each a JSON document with the stamp of what it
        // was built from.
        """
        CREATE TABLE store_views(
            name TEXT PRIMARY KEY,
            stamp TEXT NOT NULL,
            data_json TEXT NOT NULL,
            written_at TEXT NOT NULL
        );
        """,
        // 13: named leases (work_leases) for work one process at a time should do, such as a worker's stories pass; lease_until is Unix
        // milliseconds, and a lapsed lease is free to be taken again.
        """
        CREATE TABLE work_leases(
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            lease_until INTEGER NOT NULL
        );
        """,
    ];
}

-- wiresift store, version 3: stories are matched against their centroid, not one member.
--
-- An article now joins the story whose members, taken together, it resembles most: the
-- cosine between the article and the sum of the story's member vectors. The squared norm of
-- that sum is kept incrementally, one share per member: when an article joins, its share is
-- 1 + 2 x (the sum of its dot products with the members already there), so the story's
-- squared norm is the sum of its members' shares and no member vector has to be re-read.
-- NULL (rows written before this version) counts as 1 until `wiresift relink`.
ALTER TABLE story_members ADD COLUMN centroid_share DOUBLE;

-- Case: Prisma-style quoted, mixed-case identifiers ("Post", "Users").
-- Expect: FK001 fires on "Post" -> "Users".
SET lock_timeout = '5s';

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE [dbo].[users] ([id] int IDENTITY(1,1) NOT NULL);
GO
